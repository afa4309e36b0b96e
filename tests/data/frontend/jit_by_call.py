import triton
import triton.language as tl
from triton.language.extra import libdevice
from triton import Config as TritonConfig


def _scale_impl(x_ptr, out_ptr, n, scale, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    m = offs < n
    tl.store(out_ptr + offs, libdevice.exp(tl.load(x_ptr + offs, mask=m)) * scale, mask=m)


scale_kernel = triton.jit(_scale_impl)


def config_space(max_warps=8):
    blocks = [2 ** i for i in range(7, 11)]
    warps = [w for w in (2, 4, 8, 16) if w <= max_warps]
    configs = [TritonConfig({"BLOCK": b}, num_warps=w) for b in blocks for w in warps if b // w >= 32]
    return configs


def _gelu_impl(x_ptr, out_ptr, n, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    m = offs < n
    x = tl.load(x_ptr + offs, mask=m)
    tl.store(out_ptr + offs, 0.5 * x * (1 + libdevice.erf(x * 0.7071067811865476)), mask=m)


gelu_kernel = triton.autotune(configs=config_space(), key=["n"])(triton.jit(_gelu_impl))


def scale(x, out, factor):
    n = x.numel()
    grid = (triton.cdiv(n, 256),)
    scale_kernel[grid](x, out, n, factor, BLOCK=256)


def gelu(x, out):
    n = x.numel()
    gelu_kernel[lambda meta: (triton.cdiv(n, meta["BLOCK"]),)](x, out, n)
    return out


if __name__ == "__main__":
    import torch

    t = torch.randn(4096, device="cuda")
    gelu(t, torch.empty_like(t))
