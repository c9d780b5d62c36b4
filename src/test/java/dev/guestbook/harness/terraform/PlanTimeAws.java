package dev.guestbook.harness.terraform;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS that a plan of this kind of stack talks to, on 127.0.0.1: it answers the read-only calls
 * a plan makes for well-known data sources — EC2 {@code DescribeAvailabilityZones} (every zone of
 * the signed region as us-east-1 has them, {@code a} to {@code f}: {@link MockValues#ZONES},
 * whatever the configuration indexes) and STS {@code GetCallerIdentity} (account 123456789012) —
 * and refuses every other call with an error naming it, remembered in {@link #refused()} so a
 * failed reading says which call a configuration needed. Nothing leaves the machine: the AWS
 * provider reaches it through {@code AWS_ENDPOINT_URL}.
 */
final class PlanTimeAws implements AutoCloseable {

  static final String ACCOUNT = "123456789012";
  private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([A-Za-z0-9]+)");
  private static final Pattern REGION = Pattern.compile("Credential=[^/]+/\\d+/([a-z0-9-]+)/");

  private final HttpServer server;
  private final List<String> refused = new CopyOnWriteArrayList<>();

  private PlanTimeAws(HttpServer server) {
    this.server = server;
  }

  static PlanTimeAws start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      PlanTimeAws aws = new PlanTimeAws(server);
      server.createContext("/", aws::answer);
      server.start();
      return aws;
    } catch (IOException e) {
      throw new TerraformConfigException("cannot open a local port for the plan-time AWS stub", e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The calls that were answered with an error, e.g. {@code "DescribeVpcs"}. */
  List<String> refused() {
    return List.copyOf(refused);
  }

  private void answer(HttpExchange exchange) throws IOException {
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body =
          URLDecoder.decode(
              new String(in.readAllBytes(), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
    String action = action(exchange, body);
    String region =
        Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"))
            .map(REGION::matcher)
            .filter(Matcher::find)
            .map(m -> m.group(1))
            .orElse("us-east-1");
    int status = 200;
    String answer;
    if ("DescribeAvailabilityZones".equals(action)) {
      answer = zones(region);
    } else if ("GetCallerIdentity".equals(action)) {
      answer =
          "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
              + "<GetCallerIdentityResult><Arn>arn:aws:iam::"
              + ACCOUNT
              + ":user/offline</Arn><UserId>OFFLINE</UserId><Account>"
              + ACCOUNT
              + "</Account></GetCallerIdentityResult>"
              + "<ResponseMetadata><RequestId>offline</RequestId></ResponseMetadata>"
              + "</GetCallerIdentityResponse>";
    } else {
      refused.add(action);
      status = 400;
      answer =
          "<Response><Errors><Error><Code>NotAvailableOffline</Code><Message>the offline reading"
              + " answers DescribeAvailabilityZones and GetCallerIdentity only, not "
              + action
              + "</Message></Error></Errors><RequestID>offline</RequestID></Response>";
    }
    byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/xml");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Query protocols name the action in the body; JSON protocols in the X-Amz-Target header. */
  private static String action(HttpExchange exchange, String body) {
    Matcher query = ACTION.matcher(body);
    if (query.find()) {
      return query.group(1);
    }
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    if (target != null) {
      return target.substring(target.lastIndexOf('.') + 1);
    }
    return exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
  }

  private static String zones(String region) {
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < MockValues.ZONES.size(); i++) {
      String zone = MockValues.ZONES.get(i);
      String suffix = zone.substring(zone.length() - 1);
      items
          .append("<item><zoneName>")
          .append(region)
          .append(suffix)
          .append("</zoneName><zoneState>available</zoneState><regionName>")
          .append(region)
          .append("</regionName><zoneId>")
          .append(MockValues.ZONE_IDS.get(i))
          .append("</zoneId><optInStatus>opt-in-not-required</optInStatus>")
          .append("<zoneType>availability-zone</zoneType><groupName>")
          .append(region)
          .append("</groupName><networkBorderGroup>")
          .append(region)
          .append("</networkBorderGroup></item>");
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<DescribeAvailabilityZonesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
        + "<requestId>offline</requestId><availabilityZoneInfo>"
        + items
        + "</availabilityZoneInfo></DescribeAvailabilityZonesResponse>";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
