"""The bare reference page for benchmarks/bench_pages.py (see shared TESTING.md).

One slider, one Plotly line chart that depends on it, and a line of text showing its value:
what any Streamlit page costs at least. The slider has the app's label and key ("Years to
compare", ``in_years``), so the benchmark drives both the same way.

    .venv/bin/streamlit run benchmarks/bare_app.py
"""

import numpy as np
import plotly.graph_objects as go
import streamlit as st

years = st.slider("Years to compare", 1, 10, 5, key="in_years")
x = np.arange(1, 51)
fig = go.Figure(go.Scatter(x=x, y=x * years, mode="lines"))
fig.update_layout(height=300, margin=dict(l=10, r=10, t=10, b=10))
st.plotly_chart(fig, width="stretch", key="bare_chart")
st.markdown(f"Selected: {years} years")
