"""Row softmax with the online normalizer: one pass keeps a running max and a rescaled running
sum, a second pass writes exp(x - max) / sum."""
import torch
import triton
import triton.language as tl


@triton.jit
def softmax_online_kernel(x_ptr, out_ptr, stride_x, stride_out, N, BLOCK_N: tl.constexpr):
    row = tl.program_id(0)
    x_row = x_ptr + row * stride_x
    m_i = float("-inf")
    l_i = 0.0
    for start in range(0, N, BLOCK_N):
        cols = start + tl.arange(0, BLOCK_N)
        x = tl.load(x_row + cols, mask=cols < N, other=float("-inf"))
        m_new = tl.maximum(m_i, tl.max(x, axis=0))
        l_i = l_i * tl.exp(m_i - m_new) + tl.sum(tl.exp(x - m_new), axis=0)
        m_i = m_new
    for start in range(0, N, BLOCK_N):
        cols = start + tl.arange(0, BLOCK_N)
        mask = cols < N
        x = tl.load(x_row + cols, mask=mask, other=float("-inf"))
        tl.store(out_ptr + row * stride_out + cols, tl.exp(x - m_i) / l_i, mask=mask)


def softmax_online(x: torch.Tensor) -> torch.Tensor:
    assert x.dim() == 2 and x.stride(1) == 1
    M, N = x.shape
    out = torch.empty_like(x)
    softmax_online_kernel[(M,)](x, out, x.stride(0), out.stride(0), N, BLOCK_N=256)
    return out
