# Continuous training: the scheduled pipeline (included by the Makefile).
.PHONY: pipeline pipeline-if-drifted

pipeline: deps ## one continuous-training run: validate, train, gate, register (Staging), model card
	$(PYTHON) -m mlapp.pipeline

pipeline-if-drifted: deps ## retrain on data/sample/train.csv only if it drifted from the serving model's reference
	$(PYTHON) -m mlapp.pipeline --only-if-drifted --data data/sample/train.csv
