"""out = alpha * x + y on 2-D tensors of any strides (transposed or sliced views work)."""
import torch
import triton
import triton.language as tl


@triton.jit
def scale_add_2d_kernel(
    x_ptr, y_ptr, out_ptr,
    M, N,
    stride_xm, stride_xn,
    stride_ym, stride_yn,
    stride_om, stride_on,
    alpha,
    BLOCK_M: tl.constexpr, BLOCK_N: tl.constexpr,
):
    pid_m = tl.program_id(0)
    pid_n = tl.program_id(1)
    rm = pid_m * BLOCK_M + tl.arange(0, BLOCK_M)
    rn = pid_n * BLOCK_N + tl.arange(0, BLOCK_N)
    mask = (rm[:, None] < M) & (rn[None, :] < N)
    x = tl.load(x_ptr + rm[:, None] * stride_xm + rn[None, :] * stride_xn, mask=mask, other=0.0)
    y = tl.load(y_ptr + rm[:, None] * stride_ym + rn[None, :] * stride_yn, mask=mask, other=0.0)
    out = alpha * x + y
    tl.store(out_ptr + rm[:, None] * stride_om + rn[None, :] * stride_on, out, mask=mask)


def scale_add_2d(x: torch.Tensor, y: torch.Tensor, alpha: float = 1.0) -> torch.Tensor:
    assert x.dim() == 2 and x.shape == y.shape
    M, N = x.shape
    out = torch.empty((M, N), device=x.device, dtype=x.dtype)
    BLOCK_M, BLOCK_N = 32, 64
    grid = (triton.cdiv(M, BLOCK_M), triton.cdiv(N, BLOCK_N))
    scale_add_2d_kernel[grid](
        x, y, out, M, N,
        x.stride(0), x.stride(1),
        y.stride(0), y.stride(1),
        out.stride(0), out.stride(1),
        alpha,
        BLOCK_M=BLOCK_M, BLOCK_N=BLOCK_N,
    )
    return out
