"""Optional LLM generation: the chat model factory and verified generation."""
