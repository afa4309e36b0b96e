"""Outer product out[i, j] = a[i] * b[j] on a 2-D grid of tiles."""
import torch
import triton
import triton.language as tl


@triton.jit
def outer_kernel(a_ptr, b_ptr, out_ptr, M, N, stride_om, stride_on, BLOCK_M: tl.constexpr, BLOCK_N: tl.constexpr):
    pid_m = tl.program_id(0)
    pid_n = tl.program_id(1)
    rm = pid_m * BLOCK_M + tl.arange(0, BLOCK_M)
    rn = pid_n * BLOCK_N + tl.arange(0, BLOCK_N)
    a = tl.load(a_ptr + rm, mask=rm < M, other=0.0)
    b = tl.load(b_ptr + rn, mask=rn < N, other=0.0)
    out = a[:, None] * b[None, :]
    tl.store(out_ptr + rm[:, None] * stride_om + rn[None, :] * stride_on, out,
             mask=(rm[:, None] < M) & (rn[None, :] < N))


def outer(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    assert a.dim() == 1 and b.dim() == 1
    M, N = a.numel(), b.numel()
    out = torch.empty((M, N), device=a.device, dtype=torch.float32)
    BLOCK_M, BLOCK_N = 64, 64
    grid = (triton.cdiv(M, BLOCK_M), triton.cdiv(N, BLOCK_N))
    outer_kernel[grid](a, b, out, M, N, out.stride(0), out.stride(1), BLOCK_M=BLOCK_M, BLOCK_N=BLOCK_N)
    return out
