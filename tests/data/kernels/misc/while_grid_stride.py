"""Persistent elementwise kernel: a fixed number of programs walk the tensor with a while loop,
stepping by num_programs * BLOCK_SIZE. out = x * scale + shift."""
import torch
import triton
import triton.language as tl


@triton.jit
def scale_shift_persistent_kernel(x_ptr, out_ptr, n_elements, scale, shift, BLOCK_SIZE: tl.constexpr):
    start = tl.program_id(0) * BLOCK_SIZE
    step = tl.num_programs(0) * BLOCK_SIZE
    while start < n_elements:
        offsets = start + tl.arange(0, BLOCK_SIZE)
        mask = offsets < n_elements
        x = tl.load(x_ptr + offsets, mask=mask, other=0.0)
        tl.store(out_ptr + offsets, x * scale + shift, mask=mask)
        start += step


def scale_shift_persistent(x: torch.Tensor, scale: float = 1.0, shift: float = 0.0, max_programs: int = 4) -> torch.Tensor:
    assert x.is_contiguous()
    out = torch.empty_like(x)
    n_elements = x.numel()
    BLOCK_SIZE = 256
    grid = (max(1, min(max_programs, triton.cdiv(n_elements, BLOCK_SIZE))),)
    scale_shift_persistent_kernel[grid](x, out, n_elements, scale, shift, BLOCK_SIZE=BLOCK_SIZE)
    return out
