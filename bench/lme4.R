# Fits one model with lme4 and prints its time and criterion as JSON, for bench/run.ts's side-by-side ratios.
# Usage: Rscript bench/lme4.R DATA.csv "FORMULA" REML|ML
suppressMessages(library(lme4))
args <- commandArgs(trailingOnly = TRUE)
data <- read.csv(args[1])
reml <- args[3] == "REML"
warned <- character(0)
time <- system.time(fit <- withCallingHandlers(
  lmer(as.formula(args[2]), data = data, REML = reml),
  warning = function(w) { warned <<- c(warned, conditionMessage(w)); invokeRestart("muffleWarning") },
  message = function(m) invokeRestart("muffleMessage")))[["elapsed"]]
cat(sprintf('{"seconds": %.4f, "criterion": %.10g, "iterations": %d, "warnings": %d}\n',
            time, -2 * as.numeric(logLik(fit)), fit@optinfo$feval, length(warned)))
