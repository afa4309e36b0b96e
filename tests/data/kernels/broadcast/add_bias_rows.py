"""out[i, j] = x[i, j] + bias[j]: a bias vector broadcast along the rows of a 2-D tile."""
import torch
import triton
import triton.language as tl


@triton.jit
def add_bias_kernel(
    x_ptr, bias_ptr, out_ptr, M, N, stride_xm, stride_om,
    BLOCK_M: tl.constexpr, BLOCK_N: tl.constexpr,
):
    pid_m = tl.program_id(0)
    pid_n = tl.program_id(1)
    rows = pid_m * BLOCK_M + tl.arange(0, BLOCK_M)
    cols = pid_n * BLOCK_N + tl.arange(0, BLOCK_N)
    col_mask = cols < N
    mask = (rows[:, None] < M) & col_mask[None, :]
    x = tl.load(x_ptr + rows[:, None] * stride_xm + cols[None, :], mask=mask, other=0.0)
    b = tl.load(bias_ptr + cols, mask=col_mask, other=0.0)
    out = x + b[None, :]
    tl.store(out_ptr + rows[:, None] * stride_om + cols[None, :], out, mask=mask)


def add_bias_rows(x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
    assert x.dim() == 2 and x.stride(1) == 1 and bias.shape == (x.shape[1],)
    M, N = x.shape
    out = torch.empty_like(x)
    BLOCK_M, BLOCK_N = 16, 128
    grid = (triton.cdiv(M, BLOCK_M), triton.cdiv(N, BLOCK_N))
    add_bias_kernel[grid](x, bias, out, M, N, x.stride(0), out.stride(0), BLOCK_M=BLOCK_M, BLOCK_N=BLOCK_N)
    return out
