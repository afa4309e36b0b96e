"""GroupNorm forward on x of shape (batch, channels, spatial): one program per (sample, group)
accumulates sum and sum of squares over the group's contiguous chunk, then normalizes and applies
the per-channel affine."""
import torch
import triton
import triton.language as tl


@triton.jit
def group_norm_kernel(
    x_ptr, w_ptr, b_ptr, y_ptr,
    C, HW, num_groups, eps,
    BLOCK: tl.constexpr,
):
    n = tl.program_id(0)
    g = tl.program_id(1)
    channels_per_group = C // num_groups
    group_size = channels_per_group * HW
    base = n * C * HW + g * group_size
    s = tl.zeros([BLOCK], dtype=tl.float32)
    ss = tl.zeros([BLOCK], dtype=tl.float32)
    for start in range(0, group_size, BLOCK):
        idx = start + tl.arange(0, BLOCK)
        x = tl.load(x_ptr + base + idx, mask=idx < group_size, other=0.0)
        s += x
        ss += x * x
    mean = tl.sum(s, axis=0) / group_size
    var = tl.sum(ss, axis=0) / group_size - mean * mean
    rstd = tl.math.rsqrt(tl.maximum(var, 0.0) + eps)
    for start in range(0, group_size, BLOCK):
        idx = start + tl.arange(0, BLOCK)
        mask = idx < group_size
        c = g * channels_per_group + idx // HW
        x = tl.load(x_ptr + base + idx, mask=mask, other=0.0)
        w = tl.load(w_ptr + c, mask=mask, other=1.0)
        b = tl.load(b_ptr + c, mask=mask, other=0.0)
        tl.store(y_ptr + base + idx, (x - mean) * rstd * w + b, mask=mask)


def group_norm(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor, num_groups: int, eps: float = 1e-5):
    assert x.dim() == 3 and x.is_contiguous()
    B, C, HW = x.shape
    assert C % num_groups == 0, "group_norm: channels must divide into groups"
    y = torch.empty_like(x)
    group_size = (C // num_groups) * HW
    BLOCK = min(1024, triton.next_power_of_2(group_size))
    group_norm_kernel[(B, num_groups)](x, weight, bias, y, C, HW, num_groups, eps, BLOCK=BLOCK)
    return y
