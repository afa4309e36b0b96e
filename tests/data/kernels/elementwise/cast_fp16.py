"""fp16 in, fp32 compute, fp16 out: out = half(float(x) * scale + shift)."""
import torch
import triton
import triton.language as tl


@triton.jit
def scale_cast_kernel(x_ptr, out_ptr, n_elements, scale, shift, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n_elements
    x = tl.load(x_ptr + offsets, mask=mask, other=0.0)
    y = x.to(tl.float32) * scale + shift
    tl.store(out_ptr + offsets, y.to(tl.float16), mask=mask)


def scale_cast_fp16(x: torch.Tensor, scale: float = 1.0, shift: float = 0.0) -> torch.Tensor:
    assert x.dtype == torch.float16 and x.is_contiguous()
    out = torch.empty_like(x)
    n_elements = x.numel()
    grid = lambda meta: (triton.cdiv(n_elements, meta["BLOCK_SIZE"]),)
    scale_cast_kernel[grid](x, out, n_elements, scale, shift, BLOCK_SIZE=1024)
    return out
