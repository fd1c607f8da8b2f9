import { Component, type ReactNode } from "react";

/** Keeps one broken page from blanking the whole app; offers a reload. */
export class ErrorBoundary extends Component<
  { children: ReactNode; resetKey: string },
  { error?: Error; key?: string }
> {
  state: { error?: Error; key?: string } = {};
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  componentDidUpdate() {
    if (this.state.error && this.state.key !== undefined && this.state.key !== this.props.resetKey)
      this.setState({ error: undefined });
    if (this.state.key !== this.props.resetKey) this.setState({ key: this.props.resetKey });
  }
  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" className="card">
        <h2>Something went wrong on this page</h2>
        <p>{this.state.error.message}</p>
        <button type="button" onClick={() => this.setState({ error: undefined })}>
          Try again
        </button>
      </div>
    );
  }
}
