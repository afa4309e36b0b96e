"""LayerNorm forward with Welford statistics: each lane keeps a running (mean, M2, count) over the
column blocks, and tl.reduce merges the lanes with the parallel Welford combine."""
import torch
import triton
import triton.language as tl


@triton.jit
def welford_combine(mean_1, m2_1, weight_1, mean_2, m2_2, weight_2):
    delta = mean_2 - mean_1
    new_weight = weight_1 + weight_2
    w2_over_w = tl.where(new_weight == 0.0, 0.0, weight_2 / new_weight)
    return (
        mean_1 + delta * w2_over_w,
        m2_1 + m2_2 + delta * delta * weight_1 * w2_over_w,
        new_weight,
    )


@triton.jit
def layer_norm_welford_kernel(x_ptr, y_ptr, w_ptr, b_ptr, stride, N, eps, BLOCK_N: tl.constexpr):
    row = tl.program_id(0)
    x_row = x_ptr + row * stride
    mean = tl.zeros([BLOCK_N], dtype=tl.float32)
    m2 = tl.zeros([BLOCK_N], dtype=tl.float32)
    count = tl.zeros([BLOCK_N], dtype=tl.float32)
    for off in range(0, N, BLOCK_N):
        cols = off + tl.arange(0, BLOCK_N)
        mask = cols < N
        x = tl.load(x_row + cols, mask=mask, other=0.0).to(tl.float32)
        count = count + mask.to(tl.float32)
        delta = x - mean
        mean = mean + tl.where(mask, delta / count, 0.0)
        m2 = m2 + tl.where(mask, delta * (x - mean), 0.0)
    row_mean, row_m2, row_count = tl.reduce((mean, m2, count), 0, welford_combine)
    rstd = 1.0 / tl.sqrt(row_m2 / row_count + eps)
    for off in range(0, N, BLOCK_N):
        cols = off + tl.arange(0, BLOCK_N)
        mask = cols < N
        x = tl.load(x_row + cols, mask=mask, other=0.0).to(tl.float32)
        w = tl.load(w_ptr + cols, mask=mask, other=1.0)
        b = tl.load(b_ptr + cols, mask=mask, other=0.0)
        tl.store(y_ptr + row * stride + cols, (x - row_mean) * rstd * w + b, mask=mask)


def layer_norm_welford(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor, eps: float = 1e-5):
    assert x.dim() == 2 and x.is_contiguous()
    M, N = x.shape
    y = torch.empty_like(x)
    BLOCK_N = min(512, triton.next_power_of_2(N))
    layer_norm_welford_kernel[(M,)](x, y, weight, bias, x.stride(0), N, eps, BLOCK_N=BLOCK_N)
    return y
