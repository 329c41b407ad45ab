#!/usr/bin/python3
"""ASReview v2's ELAS u4 with scikit-learn itself: the reference Sift's TypeScript port is
checked against (scripts/bench/verify-elas.ts). Bench and verification only, never a runtime
dependency. Needs Debian's python3-sklearn (apt-get install -y python3-sklearn); run with
/usr/bin/python3.

Reads one JSON job on stdin and prints one JSON result:
  {"mode": "fit", "texts": [...], "labels": [...], "train": [rows], "tol": 1e-4, "max_iter": 1000}
      -> {"sklearn": version, "vocabulary": n, "decision": [w.x + b for every row]}
  {"mode": "simulate", "texts": [...], "labels": [...], "priors": [rows], "seed": s}
      -> {"order": [labels after the priors, until the last relevant is found]}
  {"mode": "insights", "orders": [[0/1, ...], ...]}
      -> {"wss95": [...], "rrf10": [...]} by asreview-insights 1.x's own formulas

The model is asreview/models/models.py's "elas_u4": TfidfVectorizer(ngram_range=(1, 2),
sublinear_tf=True, min_df=1, max_df=0.95) over title + " " + abstract (TextMerger),
LinearSVC(loss="squared_hinge", C=0.11), Balanced(ratio=9.8) sample weights
(asreview/models/balancers.py), Max query on the decision function (asreview/models/queriers.py)
and ASReview's Simulate loop (asreview/simulation/simulate.py): fit on all labelled records,
rank the pool, label the top one, until every relevant record is found.
"""
import json
import sys

import numpy as np
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC
from sklearn.utils.class_weight import compute_sample_weight


def balanced(y, ratio=9.8):
    weights = compute_sample_weight({1: 1.0, 0: sum(y == 1) / (ratio * sum(y == 0))}, y=y)
    return weights * (len(y) / sum(weights))


def features(texts):
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1, max_df=0.95)
    return vectorizer.fit_transform(texts)


def svc(tol=1e-4, max_iter=1000, seed=None):
    # dual=True is what ASReview's scikit-learn (>= 1.5, dual="auto") picks when there are
    # fewer labelled records than features, always the case here; 1.2's default is True too.
    return LinearSVC(loss="squared_hinge", C=0.11, dual=True, tol=tol, max_iter=max_iter,
                     random_state=seed)


def fit(job):
    x = features(job["texts"])
    y = np.array(job["labels"])
    rows = np.array(job["train"])
    model = svc(job.get("tol", 1e-4), job.get("max_iter", 1000), 0)
    model.fit(x[rows], y[rows], sample_weight=balanced(y[rows]))
    return {"sklearn": sklearn.__version__, "vocabulary": x.shape[1],
            "decision": model.decision_function(x).tolist()}


def simulate(job):
    x = features(job["texts"])
    y = np.array(job["labels"])
    labelled = list(job["priors"])
    left = int(y.sum()) - int(y[labelled].sum())
    order = []
    while left > 0:
        model = svc(seed=job.get("seed", 0))
        model.fit(x[labelled], y[labelled], sample_weight=balanced(y[labelled]))
        pool = np.setdiff1d(np.arange(len(y)), labelled)
        best = pool[np.argsort(-model.decision_function(x[pool]))[0]]
        labelled.append(int(best))
        order.append(int(y[best]))
        left -= int(y[best])
    return {"order": order}


def insights(job):
    # asreviewcontrib/insights/algorithms.py (_wss_values) and metrics.py (_slice_metric, _recall).
    def slice_metric(x, y, intercept):
        return y[np.searchsorted(x, intercept, side="right") - 1]

    def wss(labels):
        n, k = len(labels), sum(labels)
        found = np.cumsum(labels)
        random = np.round(np.linspace(0, k, n))
        when = np.searchsorted(found, np.arange(1, k + 1))
        when_random = np.searchsorted(random, np.arange(1, k + 1))
        return slice_metric((np.arange(1, k + 1) / k).tolist(), ((when_random - when) / n).tolist(), 0.95)

    def recall(labels, intercept):
        n = len(labels)
        x = (np.arange(1, n + 1) / n).tolist()
        if intercept < x[0]:
            return 0
        return slice_metric(x, (np.cumsum(labels) / sum(labels)).tolist(), intercept)

    return {"wss95": [100 * wss(o) for o in job["orders"]],
            "rrf10": [100 * recall(o, 0.1) for o in job["orders"]]}


if __name__ == "__main__":
    request = json.load(sys.stdin)
    handler = {"fit": fit, "simulate": simulate, "insights": insights}[request["mode"]]
    json.dump(handler(request), sys.stdout)
