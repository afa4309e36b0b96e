"""out[i, j] = a[i] + b[j]: two vectors broadcast against each other into a matrix."""
import torch
import triton
import triton.language as tl


@triton.jit
def outer_add_kernel(a_ptr, b_ptr, out_ptr, M, N, stride_om, BLOCK_M: tl.constexpr, BLOCK_N: tl.constexpr):
    pid_m = tl.program_id(0)
    pid_n = tl.program_id(1)
    rm = pid_m * BLOCK_M + tl.arange(0, BLOCK_M)
    rn = pid_n * BLOCK_N + tl.arange(0, BLOCK_N)
    a = tl.load(a_ptr + rm, mask=rm < M, other=0.0)
    b = tl.load(b_ptr + rn, mask=rn < N, other=0.0)
    out = a[:, None] + b[None, :]
    mask = (rm[:, None] < M) & (rn[None, :] < N)
    tl.store(out_ptr + rm[:, None] * stride_om + rn[None, :], out, mask=mask)


def outer_add(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    assert a.dim() == 1 and b.dim() == 1
    M, N = a.numel(), b.numel()
    out = torch.empty((M, N), device=a.device, dtype=a.dtype)
    grid = lambda meta: (triton.cdiv(M, meta["BLOCK_M"]), triton.cdiv(N, meta["BLOCK_N"]))
    outer_add_kernel[grid](a, b, out, M, N, out.stride(0), BLOCK_M=32, BLOCK_N=64)
    return out
