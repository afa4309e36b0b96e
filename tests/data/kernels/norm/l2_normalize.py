"""Row L2 normalization, x / max(||x||_2, eps) (torch.nn.functional.normalize), in two loops."""
import torch
import triton
import triton.language as tl


@triton.jit
def l2_normalize_kernel(x_ptr, out_ptr, stride_x, stride_out, N, eps, BLOCK_N: tl.constexpr):
    row = tl.program_id(0)
    sq = tl.zeros([BLOCK_N], dtype=tl.float32)
    for start in range(0, N, BLOCK_N):
        cols = start + tl.arange(0, BLOCK_N)
        x = tl.load(x_ptr + row * stride_x + cols, mask=cols < N, other=0.0)
        sq += x * x
    norm = tl.sqrt(tl.sum(sq, axis=0))
    denom = tl.maximum(norm, eps)
    for start in range(0, N, BLOCK_N):
        cols = start + tl.arange(0, BLOCK_N)
        mask = cols < N
        x = tl.load(x_ptr + row * stride_x + cols, mask=mask, other=0.0)
        tl.store(out_ptr + row * stride_out + cols, x / denom, mask=mask)


def l2_normalize(x: torch.Tensor, eps: float = 1e-12) -> torch.Tensor:
    assert x.dim() == 2 and x.stride(1) == 1
    M, N = x.shape
    out = torch.empty_like(x)
    l2_normalize_kernel[(M,)](x, out, x.stride(0), out.stride(0), N, eps, BLOCK_N=128)
    return out
