"""SwiGLU activation on bf16 x of shape (M, 2H): out = silu(x[:, :H]) * x[:, H:], fp32 inside."""
import torch
import triton
import triton.language as tl


@triton.jit
def _silu(x):
    return x / (1.0 + tl.exp(-x))


@triton.jit
def silu_and_mul_kernel(x_ptr, out_ptr, H, stride_x, stride_out, BLOCK_H: tl.constexpr):
    row = tl.program_id(0)
    pid_h = tl.program_id(1)
    cols = pid_h * BLOCK_H + tl.arange(0, BLOCK_H)
    mask = cols < H
    x_row = x_ptr + row * stride_x
    gate = tl.load(x_row + cols, mask=mask, other=0.0).to(tl.float32)
    up = tl.load(x_row + H + cols, mask=mask, other=0.0).to(tl.float32)
    out = _silu(gate) * up
    tl.store(out_ptr + row * stride_out + cols, out.to(tl.bfloat16), mask=mask)


def silu_and_mul(x: torch.Tensor) -> torch.Tensor:
    assert x.dim() == 2 and x.shape[1] % 2 == 0 and x.stride(1) == 1 and x.dtype == torch.bfloat16
    M, two_h = x.shape
    H = two_h // 2
    out = torch.empty((M, H), device=x.device, dtype=torch.bfloat16)
    BLOCK_H = 256
    grid = (M, triton.cdiv(H, BLOCK_H))
    silu_and_mul_kernel[grid](x, out, H, x.stride(0), out.stride(0), BLOCK_H=BLOCK_H)
    return out
