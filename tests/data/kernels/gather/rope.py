"""Rotary position embedding (half-split / NeoX layout) on x of shape (tokens, heads, head_dim):
out1 = x1 cos - x2 sin, out2 = x2 cos + x1 sin, with x1, x2 the two halves of the head."""
import torch
import triton
import triton.language as tl


@triton.jit
def rope_kernel(
    x_ptr, cos_ptr, sin_ptr, out_ptr,
    n_heads, head_dim,
    stride_xt, stride_xh, stride_ct, stride_ot, stride_oh,
    BLOCK_HALF: tl.constexpr,
):
    pid = tl.program_id(0)
    t = pid // n_heads
    h = pid % n_heads
    half = head_dim // 2
    offs = tl.arange(0, BLOCK_HALF)
    mask = offs < half
    x_row = x_ptr + t * stride_xt + h * stride_xh
    x1 = tl.load(x_row + offs, mask=mask, other=0.0)
    x2 = tl.load(x_row + half + offs, mask=mask, other=0.0)
    cos = tl.load(cos_ptr + t * stride_ct + offs, mask=mask, other=0.0)
    sin = tl.load(sin_ptr + t * stride_ct + offs, mask=mask, other=0.0)
    o1 = x1 * cos - x2 * sin
    o2 = x2 * cos + x1 * sin
    out_row = out_ptr + t * stride_ot + h * stride_oh
    tl.store(out_row + offs, o1, mask=mask)
    tl.store(out_row + half + offs, o2, mask=mask)


def rope(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
    assert x.dim() == 3 and x.stride(2) == 1
    T, H, D = x.shape
    assert D % 2 == 0 and cos.shape == (T, D // 2) and sin.shape == cos.shape
    assert cos.is_contiguous() and sin.is_contiguous()
    out = torch.empty_like(x)
    BLOCK_HALF = triton.next_power_of_2(D // 2)
    rope_kernel[(T * H,)](
        x, cos, sin, out, H, D,
        x.stride(0), x.stride(1), cos.stride(0), out.stride(0), out.stride(1),
        BLOCK_HALF=BLOCK_HALF,
    )
    return out
