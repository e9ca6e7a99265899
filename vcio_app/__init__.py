"""The Streamlit app: pages, widgets and charts for the IT staffing options explorer."""
