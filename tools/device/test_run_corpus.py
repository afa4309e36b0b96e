#!/usr/bin/env python3
"""Checks the parts of run_corpus.py that need no GPU: manifest validation, size expressions,
TTIR signature parsing and path clean-up. Standard library only:

    python3 -m unittest tools/device/test_run_corpus.py
"""
import copy
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_corpus as rc  # noqa: E402

TTIR = """#loc = loc("tests/data/kernels/elementwise/add.py":10:0)
module {
  tt.func public @add_kernel(%x_ptr: !tt.ptr<f32> {tt.divisibility = 16 : i32} loc("x_ptr"(#loc)), \
%y_ptr: !tt.ptr<f16> loc("y_ptr"(#loc)), %n: i32 {tt.divisibility = 16 : i32} loc("n"(#loc)), \
%alpha: f32 loc("alpha"(#loc))) attributes {noinline = false} {
    tt.return loc(#loc)
  } loc(#loc)
} loc(#loc)
"""


class ManifestTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.manifest = rc.load_manifest(os.path.join(rc.REPO, rc.MANIFEST))

    def test_committed_manifest_is_valid(self):
        self.assertEqual(rc.validate_manifest(self.manifest), [])
        self.assertGreaterEqual(len(self.manifest["kernels"]), 45)

    def broken(self, mutate):
        m = copy.deepcopy(self.manifest)
        mutate(m["kernels"][0])
        return rc.validate_manifest(m)

    def test_missing_field_is_reported(self):
        errors = self.broken(lambda e: e.pop("reference"))
        self.assertTrue(any("missing field 'reference'" in e for e in errors), errors)

    def test_unknown_kernel_name_is_reported(self):
        errors = self.broken(lambda e: e.update(kernel="no_such_kernel"))
        self.assertTrue(any("no_such_kernel" in e for e in errors), errors)

    def test_unknown_size_variable_is_reported(self):
        errors = self.broken(lambda e: e["inputs"][0].update(shape=["Q"]))
        self.assertTrue(any("'Q'" in e for e in errors), errors)

    def test_bad_distribution_is_reported(self):
        errors = self.broken(lambda e: e["inputs"][0].update(dist={"kind": "rand"}))
        self.assertTrue(any("dist rand needs" in e for e in errors), errors)

    def test_bad_reference_is_reported(self):
        errors = self.broken(lambda e: e.update(reference="x +"))
        self.assertTrue(any("reference does not parse" in e for e in errors), errors)

    def test_ttir_index_out_of_range_is_reported(self):
        errors = self.broken(lambda e: e.update(ttir_size=99))
        self.assertTrue(any("ttir_size" in e for e in errors), errors)

    def test_duplicate_name_is_reported(self):
        m = copy.deepcopy(self.manifest)
        m["kernels"].append(copy.deepcopy(m["kernels"][0]))
        self.assertTrue(any("duplicate name" in e for e in rc.validate_manifest(m)))


class HelpersTest(unittest.TestCase):
    def test_size_expressions(self):
        self.assertEqual(rc.eval_dim("2 * H", {"H": 5}), 10)
        self.assertEqual(rc.eval_dim("D // 2", {"D": 9}), 4)
        self.assertEqual(rc.eval_dim(7, {}), 7)
        with self.assertRaises(ValueError):
            rc.eval_dim("__import__('os')", {})
        with self.assertRaises(ValueError):
            rc.eval_dim("N", {"M": 1})

    def test_ttir_signature(self):
        sig = rc.parse_ttir_signature(TTIR, "add_kernel")
        self.assertEqual([a["name"] for a in sig], ["x_ptr", "y_ptr", "n", "alpha"])
        self.assertEqual(sig[0]["type"], "!tt.ptr<f32>")
        self.assertEqual(sig[0]["attrs"], {"tt.divisibility": 16})
        self.assertEqual(sig[1]["attrs"], {})
        self.assertEqual(sig[2]["attrs"], {"tt.divisibility": 16})
        self.assertIsNone(rc.parse_ttir_signature(TTIR, "other_kernel"))

    def test_paths_are_made_relative(self):
        text = 'loc("/x/repo/tests/a.py":1:2) loc("/y/site-packages/triton/language/standard.py":3:4)'
        out, leaks = rc.relativize_paths(text, [("/x/repo", ""), ("/y/site-packages", "")])
        self.assertEqual(out, 'loc("tests/a.py":1:2) loc("triton/language/standard.py":3:4)')
        self.assertEqual(leaks, [])

    def test_leftover_machine_paths_are_reported_and_cut(self):
        out, leaks = rc.relativize_paths('loc("/home/user/k.py":1:2)', [])
        self.assertEqual(leaks, ["/home/user/k.py"])
        self.assertNotIn("/home/", out)

    def test_jsonable_keeps_json_strict(self):
        doc = rc.jsonable({"a": [float("nan"), float("inf"), -float("inf"), 1.5]})
        self.assertEqual(json.loads(json.dumps(doc, allow_nan=False))["a"], ["nan", "inf", "-inf", 1.5])


if __name__ == "__main__":
    unittest.main()
