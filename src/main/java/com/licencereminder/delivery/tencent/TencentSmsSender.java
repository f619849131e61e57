package com.licencereminder.delivery.tencent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.licencereminder.delivery.Channel;
import com.licencereminder.delivery.ChannelSender;
import com.licencereminder.delivery.DeliveryResult;
import com.licencereminder.delivery.FailureClass;
import com.licencereminder.delivery.MainlandNumbers;
import com.licencereminder.delivery.ProviderReports;
import com.licencereminder.delivery.RecipientLimits;
import com.licencereminder.delivery.RenderedMessage;
import com.licencereminder.delivery.tencent.TencentConfiguration.TencentClients;
import com.licencereminder.shared.Masking;
import com.tencentcloudapi.sms.v20210111.models.PullSmsSendStatus;
import com.tencentcloudapi.sms.v20210111.models.PullSmsSendStatusByPhoneNumberRequest;
import com.tencentcloudapi.sms.v20210111.models.PullSmsSendStatusByPhoneNumberResponse;
import com.tencentcloudapi.sms.v20210111.models.SendSmsRequest;
import com.tencentcloudapi.sms.v20210111.models.SendSmsResponse;
import com.tencentcloudapi.sms.v20210111.models.SendStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Texts mainland mobiles through Tencent {@code SendSms} (API 2021-01-11):
 * {@code PhoneNumberSet} (the one number in E.164), {@code SmsSdkAppId},
 * {@code SignName}, {@code TemplateId} (the message's provider template, else
 * {@code sms-template-id}), {@code TemplateParamSet} (the template's parameters in order:
 * {1}, {2}, ...) and {@code SessionContext} = the attempt id, which
 * {@code PullSmsSendStatusByPhoneNumber} carries back. The number's {@code SendStatusSet}
 * entry must have {@code Code} {@code Ok}; its {@code SerialNo} is the provider id that
 * receipts name ({@code sid}). Other codes and errors are classified by
 * {@link TencentErrors}, and an opted-out recipient is put on the opt-out list.
 * <p>
 * {@link #lookup} reads {@code PullSmsSendStatusByPhoneNumber} for the recipient in the
 * attempt's time window, at most {@value #MAX_PAGES} pages of {@value #PAGE_SIZE}, and
 * looks for the attempt's {@code SessionContext}. Tencent lists only texts with a
 * delivery report, so a text accepted moments ago is not there yet: finding none means
 * "not sent" only for a window that ended more than {@link #REPORT_WAIT} ago, else the
 * answer is unknown (the retry is then flagged as a possible duplicate).
 */
@Component
@ConditionalOnTencent
class TencentSmsSender implements ChannelSender {

	static final String PROVIDER = "tencent";

	static final long PAGE_SIZE = 100;

	static final int MAX_PAGES = 4;

	/**
	 * How long after a send its delivery report may still be missing from Tencent's list.
	 */
	static final Duration REPORT_WAIT = Duration.ofMinutes(10);

	/** {@code ReportStatus} of a delivered text. */
	static final String SUCCESS = "SUCCESS";

	/** {@code ReportStatus} of a text that failed. */
	static final String FAIL = "FAIL";

	private static final Logger log = LoggerFactory.getLogger(TencentSmsSender.class);

	private final TencentClients clients;

	private final ProviderReports reports;

	private final RecipientLimits limits;

	private final Clock clock;

	TencentSmsSender(TencentClients clients, ProviderReports reports, Clock clock) {
		this.clock = clock;
		this.clients = clients;
		this.reports = reports;
		TencentProperties.Limits limits = clients.properties().limits();
		this.limits = new RecipientLimits(clock,
				List.of(new RecipientLimits.Window(limits.textsPerThirtySeconds(), Duration.ofSeconds(30)),
						new RecipientLimits.Window(limits.textsPerHour(), Duration.ofHours(1)),
						new RecipientLimits.Window(limits.textsPerDay(), Duration.ofDays(1))));
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
	 * Tencent's texts to one number in 30 seconds, an hour and a day
	 * ({@code limits.texts-per-*}), whatever the template.
	 */
	@Override
	public Optional<Instant> takeSlot(String recipient, RenderedMessage message) {
		return limits.tryAcquire(recipient);
	}

	@Override
	public void giveBackSlot(String recipient, RenderedMessage message) {
		limits.giveBack(recipient);
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
		TencentProperties properties = clients.properties();
		SendSmsRequest request = new SendSmsRequest();
		request.setPhoneNumberSet(new String[] { recipient });
		request.setSmsSdkAppId(properties.smsSdkAppId());
		request.setSignName(properties.signName());
		request.setTemplateId(message.template() != null ? message.template() : properties.smsTemplateId());
		request.setTemplateParamSet(message.fields().values().toArray(String[]::new));
		request.setSessionContext(attemptId);
		DeliveryResult result;
		try {
			SendSmsResponse response = clients.sms().SendSms(request);
			SendStatus status = response == null || response.getSendStatusSet() == null
					|| response.getSendStatusSet().length == 0 ? null : response.getSendStatusSet()[0];
			result = status == null ? TencentErrors.refused(attemptId, null, "no SendStatusSet in the answer")
					: TencentErrors.answered(attemptId, status.getCode(), status.getMessage(), status.getSerialNo());
		}
		catch (Exception ex) {
			result = TencentErrors.failure(attemptId, ex);
		}
		TencentErrors.logged("Text", recipient, result);
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
			List<PullSmsSendStatus> found = records.found();
			lookup = switch (found.size()) {
				case 0 -> sentBefore.plus(REPORT_WAIT).isBefore(clock.instant()) ? Lookup.notSent()
						: Lookup.unknown("no report yet: PullSmsSendStatusByPhoneNumber lists only texts with one");
				case 1 -> FAIL.equals(found.get(0).getReportStatus())
						? new Lookup(Lookup.Status.NOT_SENT, null,
								"PullSmsSendStatusByPhoneNumber: failed, " + found.get(0).getDescription())
						: new Lookup(Lookup.Status.SENT, found.get(0).getSerialNo(),
								"PullSmsSendStatusByPhoneNumber: " + found.get(0).getReportStatus());
				default -> Lookup.unknown(found.size() + " messages with SessionContext " + attemptId);
			};
		}
		log.info("Text {} to {}, whose outcome was unknown, looked up at Tencent: {} {}", attemptId,
				Masking.phone(recipient), lookup.status(), lookup.detail());
		return lookup;
	}

	/**
	 * What {@code PullSmsSendStatusByPhoneNumber} holds about the texts with the
	 * attempt's SessionContext to the recipient from {@code from} to {@code to} (whole
	 * seconds around them). Never throws.
	 */
	Records records(String attemptId, String recipient, Instant from, Instant to) {
		List<PullSmsSendStatus> found = new ArrayList<>();
		try {
			for (long page = 0; page < MAX_PAGES; page++) {
				PullSmsSendStatusByPhoneNumberRequest request = new PullSmsSendStatusByPhoneNumberRequest();
				request.setPhoneNumber(recipient);
				request.setSmsSdkAppId(clients.properties().smsSdkAppId());
				request.setBeginTime(from.getEpochSecond());
				request.setEndTime(to.getEpochSecond() + 1);
				request.setOffset(page * PAGE_SIZE);
				request.setLimit(PAGE_SIZE);
				PullSmsSendStatusByPhoneNumberResponse response = clients.sms().PullSmsSendStatusByPhoneNumber(request);
				PullSmsSendStatus[] statuses = response == null || response.getPullSmsSendStatusSet() == null
						? new PullSmsSendStatus[0] : response.getPullSmsSendStatusSet();
				for (PullSmsSendStatus status : statuses) {
					if (attemptId.equals(status.getSessionContext())) {
						found.add(status);
					}
				}
				if (statuses.length < PAGE_SIZE) {
					return new Records(found, null);
				}
			}
		}
		catch (Exception ex) {
			DeliveryResult failure = TencentErrors.failure(attemptId, ex);
			return new Records(List.of(),
					"PullSmsSendStatusByPhoneNumber failed: " + failure.errorCode() + " " + failure.errorMessage());
		}
		return new Records(List.of(), "more than " + MAX_PAGES * PAGE_SIZE + " texts to the number in the window");
	}

	/**
	 * Tencent's records of one attempt's texts.
	 *
	 * @param found the texts with its SessionContext
	 * @param unknown why Tencent could not tell, or null
	 */
	record Records(List<PullSmsSendStatus> found, String unknown) {
	}

}
