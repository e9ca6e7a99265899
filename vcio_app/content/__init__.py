"""What the pages show: the words of the verdict and its explanations, HTML tables, and the
parts of the Assumptions, Projects and Share pages."""
