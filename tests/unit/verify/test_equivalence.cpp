#include "verify_fixture.h"

using namespace tlift;
using namespace tlift::verify;
using tlift::verify::testing::Fixture;

TEST_CASE("true identities are proved for all sizes", "[verify][equivalence]") {
    Fixture f;
    CHECK(f.check("sum[k in 0..N](x[i, k])", "sum[k in 0..N](x[i, k] * 1.0)").status == Status::Proved);
    CHECK(f.check("exp(p) * exp(q)", "exp(p + q)").status == Status::Proved);
    CHECK(f.check("sum[k in 0..N](x[i, k])", "sum[k in 0..n](x[i, k]) + sum[k in n..N](x[i, k])", {"0 <= n", "n <= N"})
              .status == Status::Proved);
    CHECK(f.check("max[k in 0..N](where(k < N, x[i, k], -inf))", "max[k in 0..N](x[i, k])").status == Status::Proved);
    CHECK(f.check("exp(x[i, j] - max[k in 0..N](x[i, k])) / sum[k in 0..N](exp(x[i, k] - max[l in 0..N](x[i, l])))",
                  "exp(x[i, j]) / sum[k in 0..N](exp(x[i, k]))")
              .status == Status::Proved);
}
