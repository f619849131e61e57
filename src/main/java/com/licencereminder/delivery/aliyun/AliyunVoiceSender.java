package com.licencereminder.delivery.aliyun;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.aliyun.dyvmsapi20170525.models.IvrCallRequest;
import com.aliyun.dyvmsapi20170525.models.IvrCallRequest.IvrCallRequestMenuKeyMap;
import com.aliyun.dyvmsapi20170525.models.IvrCallResponseBody;
import com.aliyun.dyvmsapi20170525.models.SingleCallByTtsRequest;
import com.aliyun.dyvmsapi20170525.models.SingleCallByTtsResponseBody;
import com.licencereminder.delivery.Channel;
import com.licencereminder.delivery.ChannelSender;
import com.licencereminder.delivery.DeliveryJson;
import com.licencereminder.delivery.DeliveryResult;
import com.licencereminder.delivery.MainlandNumbers;
import com.licencereminder.delivery.RecipientLimits;
import com.licencereminder.delivery.RenderedMessage;
import com.licencereminder.delivery.aliyun.AliyunConfiguration.AliyunClients;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Calls mainland numbers through Aliyun voice notifications. With
 * {@code called-show-number} set: {@code IvrCall} from that number, the message's
 * template as {@code StartCode} with {@code StartTtsParams}, and a key menu whose key 1
 * plays {@code acknowledged-tts-code} (the voice report then carries the key, which
 * acknowledges, as on a Twilio call). Without it: {@code SingleCallByTts} from Aliyun's
 * public number pool ({@code CalledShowNumber} empty), {@code TtsCode}, {@code TtsParam},
 * {@code PlayTimes}. Both carry {@code OutId} = the attempt id. The answer's {@code Code}
 * must be {@code OK}; the call's own outcome comes with the voice report. Aliyun keeps no
 * record to ask by {@code OutId}, so a call whose outcome is unknown cannot be looked up.
 */
@Component
@ConditionalOnAliyun
class AliyunVoiceSender implements ChannelSender {

	/** Seconds an IVR call waits for a key. */
	static final int KEY_TIMEOUT_SECONDS = 10;

	private final AliyunClients clients;

	private final RecipientLimits limits;

	AliyunVoiceSender(AliyunClients clients, Clock clock) {
		this.clients = clients;
		AliyunProperties.Limits limits = clients.properties().limits();
		this.limits = new RecipientLimits(clock,
				List.of(new RecipientLimits.Window(limits.callsPerMinute(), Duration.ofMinutes(1)),
						new RecipientLimits.Window(limits.callsPerHour(), Duration.ofHours(1)),
						new RecipientLimits.Window(limits.callsPerDay(), Duration.ofDays(1))));
	}

	@Override
	public Channel channel() {
		return Channel.VOICE;
	}

	@Override
	public String provider() {
		return AliyunSmsSender.PROVIDER;
	}

	@Override
	public boolean reaches(String recipient) {
		return MainlandNumbers.isMainland(recipient);
	}

	/**
	 * Aliyun's calls to one number a minute, an hour and a day
	 * ({@code limits.calls-per-*}).
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
		return AliyunSmsSender.PROVIDER;
	}

	@Override
	public DeliveryResult send(String attemptId, String recipient, RenderedMessage message) {
		AliyunProperties properties = clients.properties();
		String template = message.template() != null ? message.template() : properties.ttsCode();
		String params = DeliveryJson.object(message.fields());
		DeliveryResult result;
		try {
			String code;
			String text;
			String callId;
			if (StringUtils.hasText(properties.calledShowNumber())) {
				IvrCallResponseBody body = clients.voice()
					.ivrCallWithOptions(new IvrCallRequest().setCalledShowNumber(properties.calledShowNumber())
						.setCalledNumber(MainlandNumbers.national(recipient))
						.setStartCode(template)
						.setStartTtsParams(params)
						.setMenuKeyMap(List
							.of(new IvrCallRequestMenuKeyMap().setKey("1").setCode(properties.acknowledgedTtsCode())))
						.setPlayTimes((long) properties.playTimes())
						.setTimeout(KEY_TIMEOUT_SECONDS * 1000)
						.setOutId(attemptId), clients.runtime())
					.getBody();
				code = body == null ? null : body.getCode();
				text = body == null ? "no answer body" : body.getMessage();
				callId = body == null ? null : body.getCallId();
			}
			else {
				SingleCallByTtsResponseBody body = clients.voice()
					.singleCallByTtsWithOptions(
							new SingleCallByTtsRequest().setCalledNumber(MainlandNumbers.national(recipient))
								.setTtsCode(template)
								.setTtsParam(params)
								.setPlayTimes(properties.playTimes())
								.setOutId(attemptId),
							clients.runtime())
					.getBody();
				code = body == null ? null : body.getCode();
				text = body == null ? "no answer body" : body.getMessage();
				callId = body == null ? null : body.getCallId();
			}
			result = AliyunErrors.answered(attemptId, code, text, callId);
		}
		catch (Exception ex) {
			result = AliyunErrors.failure(attemptId, ex);
		}
		return AliyunErrors.logged("Call", recipient, result);
	}

}
