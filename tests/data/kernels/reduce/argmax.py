"""Index of the maximum of each row (first one on ties), one block per row."""
import torch
import triton
import triton.language as tl


@triton.jit
def argmax_kernel(x_ptr, out_ptr, stride_row, n_cols, BLOCK_N: tl.constexpr):
    row = tl.program_id(0)
    cols = tl.arange(0, BLOCK_N)
    x = tl.load(x_ptr + row * stride_row + cols, mask=cols < n_cols, other=-float("inf"))
    idx = tl.argmax(x, axis=0)
    tl.store(out_ptr + row, idx.to(tl.int64))


def argmax(x: torch.Tensor) -> torch.Tensor:
    assert x.dim() == 2 and x.stride(1) == 1
    n_rows, n_cols = x.shape
    out = torch.empty(n_rows, device=x.device, dtype=torch.int64)
    BLOCK_N = triton.next_power_of_2(n_cols)
    argmax_kernel[(n_rows,)](x, out, x.stride(0), n_cols, BLOCK_N=BLOCK_N)
    return out
