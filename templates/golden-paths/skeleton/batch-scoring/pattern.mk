# Batch scoring: the scheduled scoring job (included by the Makefile).
.PHONY: score

score: deps ## score data/sample/score.csv with the serving model; writes predictions, drift and data-quality reports
	$(PYTHON) -m mlapp.score
