"""loops: a recurrence carrying a value and a pointer, a small constant loop, a while loop."""
import triton
import triton.language as tl


@triton.jit
def loops_kernel(x_ptr, out_ptr, n, BLOCK: tl.constexpr):
    row = tl.program_id(0)
    cols = tl.arange(0, BLOCK)
    ptrs = x_ptr + row * n + cols
    acc = tl.zeros([BLOCK], dtype=tl.float32)
    for off in range(0, n, BLOCK):
        acc += tl.load(ptrs, mask=off + cols < n, other=0.0)
        ptrs += BLOCK
    total = tl.sum(acc, axis=0)
    for k in range(0, 3):
        total = total * 2.0
    i = n
    while i > 0:
        i -= BLOCK
    tl.store(out_ptr + row, total + i)
