#!/usr/bin/env python3
"""Trains the iris classifier and writes the model artifact the example deploys.

    python train.py [--out DIR] [--version V]

Writes DIR/model.joblib (the fitted pipeline plus its class names and version) and
DIR/metadata.json (class names, held-out accuracy, version, library versions). The data set is
the copy bundled inside scikit-learn, so nothing is downloaded. Training is deterministic: the
same version and library versions give the same files, so only a new --version (or new code or
libraries) gives a new artifact hash.
"""

import os

# One BLAS thread: bit-for-bit reproducible float sums, and no thread pool on a shared machine.
# Must be set before numpy is imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import json
import sys
import tempfile
from pathlib import Path

import joblib
import numpy
import sklearn
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

HERE = Path(__file__).resolve().parent
SEED = 0
# Bumped when the bundle's layout changes, so the server can refuse a bundle it does not know.
BUNDLE_FORMAT = 1


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--out",
        type=Path,
        default=HERE / "model",
        help="folder for model.joblib and metadata.json (default: %(default)s)",
    )
    p.add_argument(
        "--version",
        default="1",
        help='model version reported by the server; a new one gives a new artifact (default: "1")',
    )
    return p.parse_args(argv)


def write_atomically(path: Path, data: bytes) -> None:
    # A server (or an upload) reading the folder never sees half a file.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def main(argv=None) -> int:
    args = parse_args(argv)
    version = str(args.version)
    if not version.strip():
        print("train.py: --version must not be empty", file=sys.stderr)
        return 2

    iris = load_iris()
    classes = [str(name) for name in iris.target_names]
    features = [str(name) for name in iris.feature_names]
    x_train, x_test, y_train, y_test = train_test_split(
        iris.data, iris.target, test_size=0.3, stratify=iris.target, random_state=SEED
    )
    # Scaling first lets lbfgs converge quickly; the pipeline carries the scaler to the server.
    model = Pipeline(
        [
            ("scale", StandardScaler()),
            ("classify", LogisticRegression(max_iter=1000, random_state=SEED)),
        ]
    )
    model.fit(x_train, y_train)
    accuracy = float(model.score(x_test, y_test))

    bundle = {
        "format": BUNDLE_FORMAT,
        "model": model,
        "classes": classes,
        "feature_names": features,
        "version": version,
    }
    metadata = {
        "name": "iris",
        "version": version,
        "classes": classes,
        "feature_names": features,
        "algorithm": "StandardScaler + LogisticRegression",
        "train_samples": int(len(y_train)),
        "test_samples": int(len(y_test)),
        "test_accuracy": round(accuracy, 4),
        "random_state": SEED,
        "scikit_learn": sklearn.__version__,
        "numpy": numpy.__version__,
        "joblib": joblib.__version__,
    }

    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    # joblib.dump wants a file; dump to a temp file in the target folder, then rename.
    fd, tmp = tempfile.mkstemp(dir=out, prefix=".model.joblib.")
    os.close(fd)
    try:
        joblib.dump(bundle, tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out / "model.joblib")
    except BaseException:
        os.unlink(tmp)
        raise
    text = json.dumps(metadata, indent=2, sort_keys=True) + "\n"
    write_atomically(out / "metadata.json", text.encode())

    print(
        f"train.py: wrote {out}/model.joblib and metadata.json "
        f"(version {version}, held-out accuracy {accuracy:.3f} on {len(y_test)} samples)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
