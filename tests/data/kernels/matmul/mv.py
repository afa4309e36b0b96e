"""Matrix-vector product y = A @ x: each program owns BLOCK_M rows and loops over the columns."""
import torch
import triton
import triton.language as tl


@triton.jit
def mv_kernel(a_ptr, x_ptr, y_ptr, M, N, stride_am, BLOCK_M: tl.constexpr, BLOCK_N: tl.constexpr):
    pid = tl.program_id(0)
    rows = pid * BLOCK_M + tl.arange(0, BLOCK_M)
    row_mask = rows < M
    acc = tl.zeros([BLOCK_M], dtype=tl.float32)
    for start in range(0, N, BLOCK_N):
        cols = start + tl.arange(0, BLOCK_N)
        col_mask = cols < N
        a = tl.load(a_ptr + rows[:, None] * stride_am + cols[None, :], mask=row_mask[:, None] & col_mask[None, :], other=0.0)
        x = tl.load(x_ptr + cols, mask=col_mask, other=0.0)
        acc += tl.sum(a * x[None, :], axis=1)
    tl.store(y_ptr + rows, acc, mask=row_mask)


def mv(a: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    assert a.dim() == 2 and a.stride(1) == 1 and x.shape == (a.shape[1],)
    M, N = a.shape
    y = torch.empty(M, device=a.device, dtype=torch.float32)
    BLOCK_M, BLOCK_N = 16, 128
    mv_kernel[(triton.cdiv(M, BLOCK_M),)](a, x, y, M, N, a.stride(0), BLOCK_M=BLOCK_M, BLOCK_N=BLOCK_N)
    return y
