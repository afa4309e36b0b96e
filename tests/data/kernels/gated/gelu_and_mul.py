"""GELU-gated unit on x of shape (M, 2H): out = gelu(x[:, :H]) * x[:, H:] (exact erf GELU)."""
import torch
import triton
import triton.language as tl


@triton.jit
def _gelu(x):
    return 0.5 * x * (1.0 + tl.erf(x * 0.7071067811865476))


@triton.jit
def gelu_and_mul_kernel(x_ptr, out_ptr, H, stride_x, stride_out, BLOCK_H: tl.constexpr):
    row = tl.program_id(0)
    pid_h = tl.program_id(1)
    cols = pid_h * BLOCK_H + tl.arange(0, BLOCK_H)
    mask = cols < H
    gate = tl.load(x_ptr + row * stride_x + cols, mask=mask, other=0.0).to(tl.float32)
    up = tl.load(x_ptr + row * stride_x + H + cols, mask=mask, other=0.0).to(tl.float32)
    out = _gelu(gate) * up
    tl.store(out_ptr + row * stride_out + cols, out.to(out_ptr.dtype.element_ty), mask=mask)


def gelu_and_mul(x: torch.Tensor) -> torch.Tensor:
    assert x.dim() == 2 and x.shape[1] % 2 == 0 and x.stride(1) == 1
    M, two_h = x.shape
    H = two_h // 2
    out = torch.empty((M, H), device=x.device, dtype=x.dtype)
    BLOCK_H = min(1024, triton.next_power_of_2(H))
    grid = (M, triton.cdiv(H, BLOCK_H))
    gelu_and_mul_kernel[grid](x, out, H, x.stride(0), out.stride(0), BLOCK_H=BLOCK_H)
    return out
