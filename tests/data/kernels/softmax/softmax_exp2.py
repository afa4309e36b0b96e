"""softmax(scale * x) along rows, in base 2: exp2((x - max) * (scale * log2(e))), scale > 0."""
import torch
import triton
import triton.language as tl

LOG2E = tl.constexpr(1.4426950408889634)


@triton.jit
def softmax_exp2_kernel(x_ptr, out_ptr, stride_row, n_cols, scale, BLOCK_N: tl.constexpr):
    row = tl.program_id(0)
    cols = tl.arange(0, BLOCK_N)
    mask = cols < n_cols
    x = tl.load(x_ptr + row * stride_row + cols, mask=mask, other=-float("inf"))
    m = tl.max(x, axis=0)
    p = tl.exp2((x - m) * (scale * LOG2E))
    l = tl.sum(p, axis=0)
    tl.store(out_ptr + row * stride_row + cols, p / l, mask=mask)


def softmax_exp2(x: torch.Tensor, scale: float = 1.0) -> torch.Tensor:
    assert x.dim() == 2 and x.is_contiguous() and scale > 0
    n_rows, n_cols = x.shape
    out = torch.empty_like(x)
    BLOCK_N = triton.next_power_of_2(n_cols)
    softmax_exp2_kernel[(n_rows,)](x, out, x.stride(0), n_cols, scale, BLOCK_N=BLOCK_N)
    return out
