"""What authors write: quizzes, lessons, checklists and the course, loaded and validated. No engine imports."""
