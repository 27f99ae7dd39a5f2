// Module Forecasting.
