#pragma once
// A concrete tensor: shape, strides (in elements) and shared storage of doubles. The same
// storage can be viewed with different strides (a flat kernel buffer and its logical tensor).

#include "tlift/ir/dtype.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace tlift::ir {

struct TensorValue {
    DType dtype = DType::F32;
    std::vector<std::int64_t> shape;
    std::vector<std::int64_t> strides;
    std::int64_t offset = 0;
    std::shared_ptr<std::vector<double>> storage;

    // A contiguous (row-major) tensor filled with `fill`.
    static TensorValue zeros(DType t, std::vector<std::int64_t> shape, double fill = 0.0);
    static TensorValue fromData(DType t, std::vector<std::int64_t> shape, std::vector<double> data);
    static TensorValue scalar(DType t, double v);

    std::int64_t numel() const;
    std::size_t rank() const { return shape.size(); }
    bool inBounds(const std::vector<std::int64_t>& idx) const;
    // Position in storage of an index (no bounds check).
    std::int64_t position(const std::vector<std::int64_t>& idx) const;
    double at(const std::vector<std::int64_t>& idx) const;
    double& at(const std::vector<std::int64_t>& idx);
    // The element at a row-major linear index of the logical shape.
    double atLinear(std::int64_t linear) const;
    // A contiguous copy (row-major).
    TensorValue contiguous() const;
    // Row-major strides for a shape.
    static std::vector<std::int64_t> rowMajorStrides(const std::vector<std::int64_t>& shape);
    // Visits every index of the logical shape in row-major order.
    template <class F>
    void forEachIndex(F&& f) const {
        std::vector<std::int64_t> idx(shape.size(), 0);
        std::int64_t n = numel();
        for (std::int64_t k = 0; k < n; ++k) {
            f(static_cast<const std::vector<std::int64_t>&>(idx));
            for (std::size_t d = shape.size(); d-- > 0;) {
                if (++idx[d] < shape[d]) break;
                idx[d] = 0;
            }
        }
    }
};

// Rounds a double to the nearest value representable in `t` (float32, float16, bfloat16, fp8
// and integer types, with C-style truncation and wrap-around for integers).
double roundToDType(double v, DType t);

} // namespace tlift::ir
