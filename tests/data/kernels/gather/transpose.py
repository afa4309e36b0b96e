"""2-D transpose by tiles: load a (BLOCK_M, BLOCK_N) tile, tl.trans it, store it at the mirrored place."""
import torch
import triton
import triton.language as tl


@triton.jit
def transpose_kernel(
    x_ptr, out_ptr, M, N,
    stride_xm, stride_xn, stride_om, stride_on,
    BLOCK_M: tl.constexpr, BLOCK_N: tl.constexpr,
):
    pid_m = tl.program_id(0)
    pid_n = tl.program_id(1)
    rm = pid_m * BLOCK_M + tl.arange(0, BLOCK_M)
    rn = pid_n * BLOCK_N + tl.arange(0, BLOCK_N)
    tile = tl.load(x_ptr + rm[:, None] * stride_xm + rn[None, :] * stride_xn,
                   mask=(rm[:, None] < M) & (rn[None, :] < N), other=0.0)
    tile_t = tl.trans(tile)
    # out has shape (N, M): out[n, m] = x[m, n]
    tl.store(out_ptr + rn[:, None] * stride_om + rm[None, :] * stride_on, tile_t,
             mask=(rn[:, None] < N) & (rm[None, :] < M))


def transpose(x: torch.Tensor) -> torch.Tensor:
    assert x.dim() == 2
    M, N = x.shape
    out = torch.empty((N, M), device=x.device, dtype=x.dtype)
    BLOCK_M, BLOCK_N = 32, 32
    grid = (triton.cdiv(M, BLOCK_M), triton.cdiv(N, BLOCK_N))
    transpose_kernel[grid](x, out, M, N, x.stride(0), x.stride(1), out.stride(0), out.stride(1),
                           BLOCK_M=BLOCK_M, BLOCK_N=BLOCK_N)
    return out
