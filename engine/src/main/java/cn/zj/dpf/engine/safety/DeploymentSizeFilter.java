package cn.zj.dpf.engine.safety;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A deployment request over maxDeploymentBytes gets 413 before the engine reads it: the engine would otherwise hold
 * the whole multipart body (and parse it) in memory. With Content-Length we answer without reading; a chunked body is
 * counted while we read it, up to the limit, and handed on from memory when it stays under.
 */
public class DeploymentSizeFilter extends OncePerRequestFilter {

  private final long maxBytes;

  public DeploymentSizeFilter(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    while (path.endsWith("/")) path = path.substring(0, path.length() - 1);
    // Both /engine-rest/deployment/create and /engine-rest/engine/{name}/deployment/create.
    return !("POST".equalsIgnoreCase(request.getMethod()) && path.startsWith("/engine-rest/") && path.endsWith("/deployment/create"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long length = request.getContentLengthLong();
    if (length > maxBytes) {
      tooLarge(response);
      return;
    }
    if (length >= 0) {
      chain.doFilter(request, response);
      return;
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = request.getInputStream()) {
      int read;
      while ((read = in.read(buffer)) != -1) {
        body.write(buffer, 0, read);
        if (body.size() > maxBytes) {
          tooLarge(response);
          return;
        }
      }
    }
    chain.doFilter(new BufferedBodyRequest(request, body.toByteArray()), response);
  }

  private void tooLarge(HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    response.setContentType("application/json;charset=UTF-8");
    response.setHeader("Connection", "close");
    String message = "部署请求超过 " + maxBytes + " 字节的上限";
    response.getOutputStream().write(("{\"type\":\"PayloadTooLarge\",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
  }

  /** The request with its (already counted) body served from memory. */
  private static final class BufferedBodyRequest extends HttpServletRequestWrapper {
    private final byte[] body;

    BufferedBodyRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous reads only");
        }
      };
    }
  }
}
