"""Cross-entropy forward per row: logsumexp(x) - x[target], with an online logsumexp over column
blocks and a gather of the target logit."""
import torch
import triton
import triton.language as tl


@triton.jit
def cross_entropy_fwd_kernel(
    logits_ptr, target_ptr, loss_ptr,
    stride_row, n_cols,
    BLOCK_N: tl.constexpr,
):
    row = tl.program_id(0)
    row_ptr = logits_ptr + row * stride_row
    target = tl.load(target_ptr + row)
    m = float("-inf")
    d = 0.0
    for start in range(0, n_cols, BLOCK_N):
        cols = start + tl.arange(0, BLOCK_N)
        x = tl.load(row_ptr + cols, mask=cols < n_cols, other=float("-inf")).to(tl.float32)
        block_max = tl.max(x, axis=0)
        m_new = tl.maximum(m, block_max)
        d = d * tl.exp(m - m_new) + tl.sum(tl.exp(x - m_new), axis=0)
        m = m_new
    lse = m + tl.log(d)
    x_target = tl.load(row_ptr + target).to(tl.float32)
    tl.store(loss_ptr + row, lse - x_target)


def cross_entropy(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    assert logits.dim() == 2 and logits.stride(1) == 1
    assert target.shape == (logits.shape[0],) and target.dtype == torch.int64
    n_rows, n_cols = logits.shape
    loss = torch.empty(n_rows, device=logits.device, dtype=torch.float32)
    BLOCK_N = min(4096, triton.next_power_of_2(n_cols))
    cross_entropy_fwd_kernel[(n_rows,)](logits, target, loss, logits.stride(0), n_cols, BLOCK_N=BLOCK_N, num_warps=8)
    return loss
