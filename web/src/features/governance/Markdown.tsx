import ReactMarkdown from "react-markdown";

/**
 * A proposal description rendered from Markdown by react-markdown: raw HTML is dropped (skipHtml), unsafe URL
 * schemes are removed by its default urlTransform, and images are not loaded (a description must not make the
 * voter's browser call a third-party server); their alt text is shown instead.
 */
export default function Markdown({ source }: { source: string }) {
  return (
    <div className="markdown" data-testid="markdown">
      <ReactMarkdown
        skipHtml
        components={{
          a: ({ href, children }) => (
            <a href={href} target="_blank" rel="noreferrer nofollow">
              {children}
            </a>
          ),
          img: ({ alt, src }) => (
            <span className="hint">
              [image{alt ? `: ${alt}` : ""}, not loaded: {src}]
            </span>
          ),
        }}
      >
        {source}
      </ReactMarkdown>
    </div>
  );
}
