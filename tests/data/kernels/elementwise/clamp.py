"""Clamp every element into [min_val, max_val]."""
import torch
import triton
import triton.language as tl


@triton.jit
def clamp_kernel(x_ptr, out_ptr, n_elements, min_val, max_val, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n_elements
    x = tl.load(x_ptr + offsets, mask=mask, other=0.0)
    y = tl.clamp(x, min_val, max_val)
    tl.store(out_ptr + offsets, y, mask=mask)


def clamp(x: torch.Tensor, min_val: float, max_val: float) -> torch.Tensor:
    assert x.is_contiguous() and min_val <= max_val
    out = torch.empty_like(x)
    n_elements = x.numel()
    grid = lambda meta: (triton.cdiv(n_elements, meta["BLOCK_SIZE"]),)
    clamp_kernel[grid](x, out, n_elements, min_val, max_val, BLOCK_SIZE=1024)
    return out
