package com.licencereminder.delivery.aliyun;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.aliyun.dysmsapi20170525.models.QuerySendDetailsRequest;
import com.aliyun.dysmsapi20170525.models.QuerySendDetailsResponseBody;
import com.aliyun.dysmsapi20170525.models.QuerySendDetailsResponseBody.QuerySendDetailsResponseBodySmsSendDetailDTOsSmsSendDetailDTO;
import com.aliyun.dysmsapi20170525.models.SendSmsRequest;
import com.aliyun.dysmsapi20170525.models.SendSmsResponseBody;
import com.licencereminder.delivery.Channel;
import com.licencereminder.delivery.ChannelSender;
import com.licencereminder.delivery.DeliveryJson;
import com.licencereminder.delivery.DeliveryResult;
import com.licencereminder.delivery.FailureClass;
import com.licencereminder.delivery.MainlandNumbers;
import com.licencereminder.delivery.ProviderReports;
import com.licencereminder.delivery.RecipientLimits;
import com.licencereminder.delivery.RenderedMessage;
import com.licencereminder.delivery.aliyun.AliyunConfiguration.AliyunClients;
import com.licencereminder.shared.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Texts mainland mobiles through Aliyun {@code SendSms}: {@code PhoneNumbers} (the eleven
 * digits), {@code SignName}, {@code TemplateCode} (the message's provider template, else
 * {@code sms-template-code}), {@code TemplateParam} (the template's parameters as JSON)
 * and {@code OutId} = the attempt id, which receipts and {@code QuerySendDetails} carry
 * back. The answer's {@code Code} must be {@code OK}; other codes and errors are
 * classified by {@link AliyunErrors}, and an opted-out recipient is put on the opt-out
 * list.
 * <p>
 * {@link #lookup} reads {@code QuerySendDetails} for the recipient on each day of the
 * attempt's time window (in the service's zone, as Aliyun keeps its dates), at most
 * {@value #MAX_PAGES} pages of {@value #PAGE_SIZE}, and looks for the attempt's
 * {@code OutId}.
 */
@Component
@ConditionalOnAliyun
class AliyunSmsSender implements ChannelSender {

	static final String PROVIDER = "aliyun";

	static final long PAGE_SIZE = 50;

	static final int MAX_PAGES = 4;

	/** {@code SendStatus} of a text that failed. */
	static final long FAILED = 2;

	/** {@code SendStatus} of a delivered text. */
	static final long DELIVERED = 3;

	private static final DateTimeFormatter SEND_DATE = DateTimeFormatter.BASIC_ISO_DATE;

	private static final Logger log = LoggerFactory.getLogger(AliyunSmsSender.class);

	private final AliyunClients clients;

	private final ProviderReports reports;

	private final Clock clock;

	private final RecipientLimits limits;

	AliyunSmsSender(AliyunClients clients, ProviderReports reports, Clock clock) {
		this.clients = clients;
		this.reports = reports;
		this.clock = clock;
		this.limits = new RecipientLimits(clock,
				List.of(new RecipientLimits.Window(clients.properties().limits().textsPerDay(), Duration.ofDays(1))));
	}

	@Override
	public Channel channel() {
		return Channel.SMS;
	}

	@Override
	public String provider() {
		return PROVIDER;
	}

	@Override
	public boolean reaches(String recipient) {
		return MainlandNumbers.isMobile(recipient);
	}

	/**
	 * Aliyun's texts a day to one number with one signature and template
	 * ({@code limits.texts-per-day}).
	 */
	@Override
	public Optional<Instant> takeSlot(String recipient, RenderedMessage message) {
		return limits.tryAcquire(recipient + " " + template(message));
	}

	@Override
	public void giveBackSlot(String recipient, RenderedMessage message) {
		limits.giveBack(recipient + " " + template(message));
	}

	@Override
	public String templateSet() {
		return PROVIDER;
	}

	@Override
	public String asReceived(String text) {
		return "【" + clients.properties().signName() + "】" + text;
	}

	@Override
	public DeliveryResult send(String attemptId, String recipient, RenderedMessage message) {
		AliyunProperties properties = clients.properties();
		SendSmsRequest request = new SendSmsRequest().setPhoneNumbers(MainlandNumbers.national(recipient))
			.setSignName(properties.signName())
			.setTemplateCode(template(message))
			.setTemplateParam(DeliveryJson.object(message.fields()))
			.setOutId(attemptId);
		DeliveryResult result;
		try {
			SendSmsResponseBody body = clients.sms().sendSmsWithOptions(request, clients.runtime()).getBody();
			result = body == null ? AliyunErrors.refused(attemptId, null, "no answer body")
					: AliyunErrors.answered(attemptId, body.getCode(), body.getMessage(), body.getBizId());
		}
		catch (Exception ex) {
			result = AliyunErrors.failure(attemptId, ex);
		}
		AliyunErrors.logged("Text", recipient, result);
		if (FailureClass.of(result.errorCode()) == FailureClass.OPTED_OUT) {
			reports.optedOut(recipient, PROVIDER + "-" + result.errorCode());
		}
		return result;
	}

	@Override
	public Lookup lookup(String attemptId, String recipient, RenderedMessage message, Instant sentAfter,
			Instant sentBefore) {
		Records records = records(attemptId, recipient, sentAfter, sentBefore);
		Lookup lookup;
		if (records.unknown() != null) {
			lookup = Lookup.unknown(records.unknown());
		}
		else {
			List<QuerySendDetailsResponseBodySmsSendDetailDTOsSmsSendDetailDTO> found = records.found();
			lookup = switch (found.size()) {
				case 0 -> Lookup.notSent();
				case 1 -> found.get(0).getSendStatus() != null && found.get(0).getSendStatus() == FAILED
						? new Lookup(Lookup.Status.NOT_SENT, null,
								"QuerySendDetails: failed with " + found.get(0).getErrCode())
						: new Lookup(Lookup.Status.SENT, null,
								"QuerySendDetails: status " + found.get(0).getSendStatus());
				default -> Lookup.unknown(found.size() + " messages with OutId " + attemptId);
			};
		}
		log.info("Text {} to {}, whose outcome was unknown, looked up at Aliyun: {} {}", attemptId,
				Masking.phone(recipient), lookup.status(), lookup.detail());
		return lookup;
	}

	/**
	 * What {@code QuerySendDetails} holds about the texts with the OutId to the
	 * recipient, on each day from {@code from} to {@code to} in the service's zone. Never
	 * throws.
	 */
	Records records(String attemptId, String recipient, Instant from, Instant to) {
		List<QuerySendDetailsResponseBodySmsSendDetailDTOsSmsSendDetailDTO> found = new ArrayList<>();
		LocalDate last = LocalDate.ofInstant(to, clock.getZone());
		try {
			for (LocalDate day = LocalDate.ofInstant(from, clock.getZone()); !day.isAfter(last); day = day
				.plusDays(1)) {
				String unknown = collect(attemptId, recipient, day, found);
				if (unknown != null) {
					return new Records(List.of(), unknown);
				}
			}
		}
		catch (Exception ex) {
			DeliveryResult failure = AliyunErrors.failure(attemptId, ex);
			return new Records(List.of(),
					"QuerySendDetails failed: " + failure.errorCode() + " " + failure.errorMessage());
		}
		return new Records(found, null);
	}

	private String template(RenderedMessage message) {
		return message.template() != null ? message.template() : clients.properties().smsTemplateCode();
	}

	/**
	 * Adds the day's messages with the attempt's OutId to {@code found}; why not, when
	 * the day cannot be read in full.
	 */
	private String collect(String attemptId, String recipient, LocalDate day,
			List<QuerySendDetailsResponseBodySmsSendDetailDTOsSmsSendDetailDTO> found) throws Exception {
		long read = 0;
		for (long page = 1; page <= MAX_PAGES; page++) {
			QuerySendDetailsResponseBody body = clients.sms()
				.querySendDetailsWithOptions(
						new QuerySendDetailsRequest().setPhoneNumber(MainlandNumbers.national(recipient))
							.setSendDate(SEND_DATE.format(day))
							.setPageSize(PAGE_SIZE)
							.setCurrentPage(page),
						clients.runtime())
				.getBody();
			if (body == null || !AliyunErrors.OK.equals(body.getCode())) {
				return "QuerySendDetails answered " + (body == null ? "nothing" : body.getCode());
			}
			List<QuerySendDetailsResponseBodySmsSendDetailDTOsSmsSendDetailDTO> details = body
				.getSmsSendDetailDTOs() == null || body.getSmsSendDetailDTOs().getSmsSendDetailDTO() == null ? List.of()
						: body.getSmsSendDetailDTOs().getSmsSendDetailDTO();
			details.stream().filter(detail -> attemptId.equals(detail.getOutId())).forEach(found::add);
			read += details.size();
			long total = parse(body.getTotalCount());
			if (details.size() < PAGE_SIZE || read >= total) {
				return null;
			}
		}
		return "more than " + MAX_PAGES * PAGE_SIZE + " texts to the number on " + day;
	}

	/**
	 * The total Aliyun gave, or {@link Long#MAX_VALUE} when it gave none it can read:
	 * page on while pages are full.
	 */
	private static long parse(String count) {
		try {
			return count == null ? Long.MAX_VALUE : Long.parseLong(count.strip());
		}
		catch (NumberFormatException ex) {
			return Long.MAX_VALUE;
		}
	}

	/**
	 * Aliyun's records of one attempt's texts.
	 *
	 * @param found the texts with its OutId
	 * @param unknown why Aliyun could not tell, or null
	 */
	record Records(List<QuerySendDetailsResponseBodySmsSendDetailDTOsSmsSendDetailDTO> found, String unknown) {
	}

}
