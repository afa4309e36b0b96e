"""Sum of each row; one program per row, one block covers the row (BLOCK_N >= n_cols)."""
import torch
import triton
import triton.language as tl


@triton.jit
def row_sum_kernel(x_ptr, out_ptr, stride_row, n_cols, BLOCK_N: tl.constexpr):
    row = tl.program_id(0)
    cols = tl.arange(0, BLOCK_N)
    x = tl.load(x_ptr + row * stride_row + cols, mask=cols < n_cols, other=0.0)
    tl.store(out_ptr + row, tl.sum(x, axis=0))


def row_sum(x: torch.Tensor) -> torch.Tensor:
    assert x.dim() == 2 and x.stride(1) == 1
    n_rows, n_cols = x.shape
    out = torch.empty(n_rows, device=x.device, dtype=torch.float32)
    # Precondition of the kernel: one block spans the whole row.
    BLOCK_N = triton.next_power_of_2(n_cols)
    row_sum_kernel[(n_rows,)](x, out, x.stride(0), n_cols, BLOCK_N=BLOCK_N)
    return out
