"""branches: an early return, an if with results, an if with a store inside."""
import triton
import triton.language as tl


@triton.jit
def branches_kernel(x_ptr, out_ptr, n, flag, BLOCK: tl.constexpr):
    row = tl.program_id(0)
    if row >= n:
        return
    offs = tl.arange(0, BLOCK)
    x = tl.load(x_ptr + row * BLOCK + offs)
    if flag > 0:
        y = x * 2.0
    else:
        y = -x
    if flag > 1:
        tl.store(out_ptr + row * BLOCK + offs, y + 1.0)
    tl.store(out_ptr + n * BLOCK + row * BLOCK + offs, y)
