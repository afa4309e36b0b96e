"""Row logsumexp in one pass with the online (running max, rescaled sum) recurrence."""
import torch
import triton
import triton.language as tl


@triton.jit
def logsumexp_kernel(x_ptr, out_ptr, stride_row, N, BLOCK_N: tl.constexpr):
    row = tl.program_id(0)
    m_i = -float("inf")
    s_i = 0.0
    for start in range(0, N, BLOCK_N):
        cols = start + tl.arange(0, BLOCK_N)
        x = tl.load(x_ptr + row * stride_row + cols, mask=cols < N, other=-float("inf"))
        m_new = tl.maximum(m_i, tl.max(x, axis=0))
        alpha = tl.exp(m_i - m_new)
        s_i = s_i * alpha + tl.sum(tl.exp(x - m_new), axis=0)
        m_i = m_new
    tl.store(out_ptr + row, m_i + tl.log(s_i))


def logsumexp(x: torch.Tensor) -> torch.Tensor:
    assert x.dim() == 2 and x.stride(1) == 1
    M, N = x.shape
    out = torch.empty(M, device=x.device, dtype=torch.float32)
    logsumexp_kernel[(M,)](x, out, x.stride(0), N, BLOCK_N=512)
    return out
