"""basic: masked loads, arithmetic, a store (a fixture of the TTIR driver's tests)."""
import triton
import triton.language as tl


@triton.jit
def basic_kernel(x_ptr, y_ptr, out_ptr, n, scale, BLOCK: tl.constexpr):
    pid = tl.program_id(0)
    offs = pid * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    x = tl.load(x_ptr + offs, mask=mask, other=0.0)
    y = tl.load(y_ptr + offs, mask=mask, other=1.0).to(tl.float32)
    z = tl.maximum(x * scale, y) / 2
    tl.store(out_ptr + offs, tl.exp(z), mask=mask)
