"""Layer normalization over the last dimension, one Triton program per row.

    mean[i] = (1/N) sum_j x[i, j]
    rstd[i] = 1 / sqrt((1/N) sum_j (x[i, j] - mean[i])^2 + eps)
    y[i, j] = (x[i, j] - mean[i]) * rstd[i] * w[j] + b[j]

The row fits in one block. Statistics are computed in float32 whatever the input type; padding
lanes are zeroed before the variance so that they do not count.
"""
import torch
import triton
import triton.language as tl


@triton.jit
def layer_norm_fwd_kernel(x_ptr, y_ptr, w_ptr, b_ptr, mean_ptr, rstd_ptr,
                          x_row_stride, y_row_stride, N, eps,
                          BLOCK_SIZE: tl.constexpr):
    row = tl.program_id(0)
    cols = tl.arange(0, BLOCK_SIZE)
    mask = cols < N
    x = tl.load(x_ptr + row * x_row_stride + cols, mask=mask, other=0.0).to(tl.float32)
    mean = tl.sum(x, axis=0) / N
    centered = tl.where(mask, x - mean, 0.0)
    var = tl.sum(centered * centered, axis=0) / N
    rstd = 1.0 / tl.sqrt(var + eps)
    w = tl.load(w_ptr + cols, mask=mask, other=0.0)
    b = tl.load(b_ptr + cols, mask=mask, other=0.0)
    y = centered * rstd * w + b
    tl.store(mean_ptr + row, mean)
    tl.store(rstd_ptr + row, rstd)
    tl.store(y_ptr + row * y_row_stride + cols, y, mask=mask)


def layer_norm(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor,
               eps: float = 1e-5) -> torch.Tensor:
    """torch.nn.functional.layer_norm(x, (x.shape[-1],), weight, bias, eps) on CUDA."""
    N = x.shape[-1]
    x2 = x.reshape(-1, N)
    if x2.stride(1) != 1:
        x2 = x2.contiguous()
    M = x2.shape[0]
    y = torch.empty_like(x2)
    mean = torch.empty(M, device=x.device, dtype=torch.float32)
    rstd = torch.empty(M, device=x.device, dtype=torch.float32)
    BLOCK_SIZE = triton.next_power_of_2(N)
    if BLOCK_SIZE > 65536 // x.element_size():
        raise ValueError("rows longer than 64 KB do not fit one block")
    layer_norm_fwd_kernel[(M,)](
        x2, y, weight, bias, mean, rstd, x2.stride(0), y.stride(0), N, eps,
        BLOCK_SIZE=BLOCK_SIZE, num_warps=min(max(BLOCK_SIZE // 256, 1), 8),
    )
    return y.reshape(x.shape)


if __name__ == "__main__":
    torch.manual_seed(0)
    x = torch.randn(512, 1000, device="cuda")
    w = torch.rand(1000, device="cuda")
    b = torch.randn(1000, device="cuda")
    expected = torch.nn.functional.layer_norm(x, (1000,), w, b, 1e-5)
    torch.testing.assert_close(layer_norm(x, w, b), expected, atol=1e-5, rtol=1e-5)
    print("layer_norm matches torch.nn.functional.layer_norm")
