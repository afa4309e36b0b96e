"""Row softmax for rows of any length: three passes (max, sum of exponentials, write)."""
import torch
import triton
import triton.language as tl


@triton.jit
def softmax_looped_kernel(x_ptr, out_ptr, stride_x, stride_out, N, BLOCK_N: tl.constexpr):
    row = tl.program_id(0)
    x_row = x_ptr + row * stride_x
    out_row = out_ptr + row * stride_out

    m = tl.full([BLOCK_N], -float("inf"), dtype=tl.float32)
    for start in range(0, N, BLOCK_N):
        cols = start + tl.arange(0, BLOCK_N)
        x = tl.load(x_row + cols, mask=cols < N, other=-float("inf"))
        m = tl.maximum(m, x)
    row_max = tl.max(m, axis=0)

    s = tl.zeros([BLOCK_N], dtype=tl.float32)
    for start in range(0, N, BLOCK_N):
        cols = start + tl.arange(0, BLOCK_N)
        x = tl.load(x_row + cols, mask=cols < N, other=-float("inf"))
        s += tl.exp(x - row_max)
    denom = tl.sum(s, axis=0)

    for start in range(0, N, BLOCK_N):
        cols = start + tl.arange(0, BLOCK_N)
        mask = cols < N
        x = tl.load(x_row + cols, mask=mask, other=-float("inf"))
        tl.store(out_row + cols, tl.exp(x - row_max) / denom, mask=mask)


def softmax_looped(x: torch.Tensor) -> torch.Tensor:
    assert x.dim() == 2 and x.stride(1) == 1
    M, N = x.shape
    out = torch.empty_like(x)
    BLOCK_N = min(1024, triton.next_power_of_2(N))
    softmax_looped_kernel[(M,)](x, out, x.stride(0), out.stride(0), N, BLOCK_N=BLOCK_N)
    return out
