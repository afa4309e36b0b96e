"""out[i, j] = x[i, j] * scale[i]: a column vector broadcast across each row, looping over columns."""
import torch
import triton
import triton.language as tl


@triton.jit
def scale_rows_kernel(
    x_ptr, scale_ptr, out_ptr, M, N, stride_xm, stride_om,
    BLOCK_M: tl.constexpr, BLOCK_N: tl.constexpr,
):
    pid = tl.program_id(0)
    rows = pid * BLOCK_M + tl.arange(0, BLOCK_M)
    row_mask = rows < M
    s = tl.load(scale_ptr + rows, mask=row_mask, other=0.0)
    for start in range(0, N, BLOCK_N):
        cols = start + tl.arange(0, BLOCK_N)
        mask = row_mask[:, None] & (cols[None, :] < N)
        x = tl.load(x_ptr + rows[:, None] * stride_xm + cols[None, :], mask=mask, other=0.0)
        tl.store(out_ptr + rows[:, None] * stride_om + cols[None, :], x * s[:, None], mask=mask)


def scale_rows(x: torch.Tensor, scale: torch.Tensor) -> torch.Tensor:
    assert x.dim() == 2 and x.stride(1) == 1 and scale.shape == (x.shape[0],)
    M, N = x.shape
    out = torch.empty_like(x)
    BLOCK_M = 8
    BLOCK_N = min(256, triton.next_power_of_2(N))
    grid = (triton.cdiv(M, BLOCK_M),)
    scale_rows_kernel[grid](x, scale, out, M, N, x.stride(0), out.stride(0), BLOCK_M=BLOCK_M, BLOCK_N=BLOCK_N)
    return out
