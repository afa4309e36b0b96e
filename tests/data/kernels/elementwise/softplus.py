"""Softplus with torch's semantics: log(1 + exp(beta x)) / beta, and x where beta x > threshold."""
import torch
import triton
import triton.language as tl


@triton.jit
def softplus_kernel(x_ptr, out_ptr, n_elements, beta, threshold, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n_elements
    x = tl.load(x_ptr + offsets, mask=mask, other=0.0)
    bx = x * beta
    soft = tl.log(1.0 + tl.exp(bx)) / beta
    y = tl.where(bx > threshold, x, soft)
    tl.store(out_ptr + offsets, y, mask=mask)


def softplus(x: torch.Tensor, beta: float = 1.0, threshold: float = 20.0) -> torch.Tensor:
    assert x.is_contiguous()
    out = torch.empty_like(x)
    n_elements = x.numel()
    grid = lambda meta: (triton.cdiv(n_elements, meta["BLOCK_SIZE"]),)
    softplus_kernel[grid](x, out, n_elements, beta, threshold, BLOCK_SIZE=1024)
    return out
