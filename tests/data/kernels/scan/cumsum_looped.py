"""Inclusive prefix sum of rows longer than a block: scan each block and carry the running total."""
import torch
import triton
import triton.language as tl


@triton.jit
def cumsum_looped_kernel(x_ptr, out_ptr, stride_row, N, BLOCK_N: tl.constexpr):
    row = tl.program_id(0)
    carry = 0.0
    for start in range(0, N, BLOCK_N):
        cols = start + tl.arange(0, BLOCK_N)
        mask = cols < N
        x = tl.load(x_ptr + row * stride_row + cols, mask=mask, other=0.0)
        y = tl.cumsum(x, axis=0) + carry
        tl.store(out_ptr + row * stride_row + cols, y, mask=mask)
        carry += tl.sum(x, axis=0)


def cumsum_looped(x: torch.Tensor) -> torch.Tensor:
    assert x.dim() == 2 and x.is_contiguous()
    M, N = x.shape
    out = torch.empty_like(x)
    cumsum_looped_kernel[(M,)](x, out, x.stride(0), N, BLOCK_N=256)
    return out
