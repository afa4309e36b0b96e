"""Variance of each row, two passes over the row (mean, then squared deviations)."""
import torch
import triton
import triton.language as tl


@triton.jit
def row_var_kernel(x_ptr, out_ptr, stride_row, N, correction, BLOCK_N: tl.constexpr):
    row = tl.program_id(0)
    row_ptr = x_ptr + row * stride_row
    acc = tl.zeros([BLOCK_N], dtype=tl.float32)
    for start in range(0, N, BLOCK_N):
        cols = start + tl.arange(0, BLOCK_N)
        acc += tl.load(row_ptr + cols, mask=cols < N, other=0.0)
    mean = tl.sum(acc, axis=0) / N
    sq = tl.zeros([BLOCK_N], dtype=tl.float32)
    for start in range(0, N, BLOCK_N):
        cols = start + tl.arange(0, BLOCK_N)
        mask = cols < N
        x = tl.load(row_ptr + cols, mask=mask, other=0.0)
        d = tl.where(mask, x - mean, 0.0)
        sq += d * d
    var = tl.sum(sq, axis=0) / (N - correction)
    tl.store(out_ptr + row, var)


def row_var(x: torch.Tensor, correction: int = 1) -> torch.Tensor:
    assert x.dim() == 2 and x.stride(1) == 1
    M, N = x.shape
    assert N > correction, "row_var: need more columns than the correction"
    out = torch.empty(M, device=x.device, dtype=torch.float32)
    row_var_kernel[(M,)](x, out, x.stride(0), N, correction, BLOCK_N=256)
    return out
