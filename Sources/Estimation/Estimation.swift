// Module Estimation.
