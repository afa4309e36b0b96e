"""Guarded division: out = num / den where |den| > eps, fill elsewhere. Out-of-range lanes read
den = 1 so that no lane divides by an unset value."""
import torch
import triton
import triton.language as tl


@triton.jit
def safe_div_kernel(num_ptr, den_ptr, out_ptr, n_elements, eps, fill, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n_elements
    num = tl.load(num_ptr + offsets, mask=mask, other=0.0)
    den = tl.load(den_ptr + offsets, mask=mask, other=1.0)
    ok = tl.abs(den) > eps
    safe_den = tl.where(ok, den, 1.0)
    out = tl.where(ok, num / safe_den, fill)
    tl.store(out_ptr + offsets, out, mask=mask)


def safe_div(num: torch.Tensor, den: torch.Tensor, eps: float = 0.1, fill: float = 0.0) -> torch.Tensor:
    assert num.shape == den.shape and num.is_contiguous() and den.is_contiguous()
    out = torch.empty_like(num)
    n_elements = num.numel()
    grid = lambda meta: (triton.cdiv(n_elements, meta["BLOCK_SIZE"]),)
    safe_div_kernel[grid](num, den, out, n_elements, eps, fill, BLOCK_SIZE=1024)
    return out
