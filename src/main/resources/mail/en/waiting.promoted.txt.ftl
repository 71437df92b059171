<#-- waiting.promoted (en), plain text; also sets the subject -->
<#import "/text.ftl" as t>
<#assign subject>You have a seat: ${(course.name)!""}</#assign>
<@t.hello/>

Good news: a seat has become free in the course <@t.coursePhrase c=course!{}/>. You have moved up from the waiting list and now have a confirmed seat.

<@t.courseFacts/>

<@t.payment/>

<@t.statusLink/>

<@t.signoffLink/>

<@t.footer/>
